/**
 * A kaa-rpc user in a named module: all it needs is below.
 */
module com.example.inventory {
  requires kaa.rpc;
  // The runtime reaches the generated InventoryRpc (and calls its static methods) here.
  exports com.example.inventory.api to kaa.rpc;
  // Kryo builds and reads the records that travel in calls.
  opens com.example.inventory.api to com.esotericsoftware.kryo.kryo5;
}
