package kaa.rpc.internal.call;

import kaa.rpc.SerializationException;

/**
 * A call read while the connection's {@link InboundFlow} could not start it: what {@link
 * kaa.rpc.internal.codec.MessageReader#call} was given, kept until its turn.
 */
record WaitingCall(
    int id, String name, Object[] values, String[] names, SerializationException failure) {}
