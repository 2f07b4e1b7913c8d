package dev.agentkit.matrix.client;

import java.util.Objects;

/**
 * The credentials of a password login. Reusing {@code deviceId} across restarts keeps one device
 * per account (and keeps transaction ids, which are scoped to the device, meaningful); a new
 * login on the same device ends the previous session's token.
 *
 * @param user       the user id or localpart
 * @param password   the password, never printed
 * @param deviceId   the device to log in as
 * @param deviceName the device's display name, shown in clients' session lists
 */
public record PasswordLogin(String user, Secret password, String deviceId, String deviceName) {
    public PasswordLogin {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(deviceName, "deviceName");
    }
}
