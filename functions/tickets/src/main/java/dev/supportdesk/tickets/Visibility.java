package dev.supportdesk.tickets;

/** Public responses are seen by the requester; internal ones only by agents and admins. */
public enum Visibility {
    PUBLIC, INTERNAL
}
