package com.example.greeter;

import kaa.rpc.annotation.Expose;

/** What the client exposes, for the server to call back. */
@Expose
public interface Console {
  /** Prints {@code line}; returns its length. */
  int print(String line);
}
