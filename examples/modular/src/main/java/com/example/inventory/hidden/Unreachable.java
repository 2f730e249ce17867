package com.example.inventory.hidden;

import kaa.rpc.annotation.Expose;

/** Exposed, but in a package this module does not export: the runtime must say so. */
@Expose
public interface Unreachable {
  /** Never called: its proxy cannot be made. */
  String ping();
}
