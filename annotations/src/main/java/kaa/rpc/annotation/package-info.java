/** The one annotation a kaa-rpc user needs at compile time: {@link kaa.rpc.annotation.Expose}. */
package kaa.rpc.annotation;
