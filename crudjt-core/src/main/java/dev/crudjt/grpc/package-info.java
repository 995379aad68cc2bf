/**
 * The gRPC link between a master and its clients: the {@code TokenService} server and the
 * MessagePack form of data on the wire. Internal: not a supported API.
 */
@NullMarked
package dev.crudjt.grpc;

import org.jspecify.annotations.NullMarked;
