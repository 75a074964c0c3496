package dev.supportdesk.identity;

/** What a caller may do: customers act on their own tickets, agents and admins on their tenant's. */
public enum Role {
    CUSTOMER, AGENT, ADMIN
}
