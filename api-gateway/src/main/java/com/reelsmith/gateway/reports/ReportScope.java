package com.reelsmith.gateway.reports;

import java.util.UUID;

/** Whose figures a report adds up: one client's or one campaign's (the column is ours, never input). */
record ReportScope(String column, UUID id) {

    static ReportScope client(UUID id) {
        return new ReportScope("client_id", id);
    }

    static ReportScope campaign(UUID id) {
        return new ReportScope("campaign_id", id);
    }
}
