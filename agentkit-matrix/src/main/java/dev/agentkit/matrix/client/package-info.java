/**
 * A thin Matrix Client-Server API (v3) client on {@code java.net.http} and Jackson: login, rooms,
 * sending with transaction ids, sync, history, members and power levels. Rate limits are retried
 * within a bound; other failures are {@link dev.agentkit.matrix.client.MatrixException}s, which
 * never carry an access token. Used by {@code MatrixChatPort} and {@code MatrixRooms}.
 */
package dev.agentkit.matrix.client;
