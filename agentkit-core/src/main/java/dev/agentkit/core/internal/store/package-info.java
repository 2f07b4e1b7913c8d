/**
 * Internal to agentkit: not API. Public only so that other agentkit packages and modules can
 * reach it; it may change or disappear in any release without notice. Do not use it from
 * application code.
 */
package dev.agentkit.core.internal.store;
