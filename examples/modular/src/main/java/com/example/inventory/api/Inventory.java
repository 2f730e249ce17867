package com.example.inventory.api;

import java.util.List;
import java.util.concurrent.CompletionStage;
import kaa.rpc.annotation.Expose;

/** A stock keeper: what the server of this example exposes. */
@Expose
public interface Inventory {
  /** Adds {@code item} to the stock; returns the new stock of that item's name. */
  int add(Item item);

  /** Everything in stock, sorted by name. */
  List<Item> list();

  /** The stock of {@code name}, answered later. */
  CompletionStage<Integer> count(String name);
}
