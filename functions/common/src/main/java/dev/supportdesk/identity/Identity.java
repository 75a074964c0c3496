package dev.supportdesk.identity;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** A verified caller: subject, tenant and roles, taken from a token the adapter has verified. */
public record Identity(String subject, String tenant, Set<Role> roles) {

    public Identity {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tenant, "tenant");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** Agents and admins work on every ticket of their tenant; customers only on their own. */
    public boolean isStaff() {
        return roles.contains(Role.AGENT) || roles.contains(Role.ADMIN);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
