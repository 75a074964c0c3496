package dev.supportdesk.tickets;

public enum Priority {
    LOW, NORMAL, HIGH, URGENT
}
