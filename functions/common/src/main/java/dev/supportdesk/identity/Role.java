package dev.supportdesk.identity;

/**
 * What a caller may do: customers act on their own tickets, agents and admins on their tenant's.
 * Operators run the service across tenants: all-tenant workflow runs and instance-wide metrics; the
 * role grants no ticket access (an operator's tickets are those of the roles it also holds).
 */
public enum Role {
    CUSTOMER, AGENT, ADMIN, OPERATOR
}
