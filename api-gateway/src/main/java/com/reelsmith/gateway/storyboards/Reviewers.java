package com.reelsmith.gateway.storyboards;

import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.platform.storyboards.Storyboards;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who a caller is in a storyboard's history: its API key's id and name (the name as it is now). */
@Component
class Reviewers {

    private final JdbcClient jdbc;

    Reviewers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Storyboards.Actor of(Caller caller) {
        String name = caller.keyId() == null ? null
                : jdbc.sql("select name from api_keys where id = :id").param("id", caller.keyId()).query(String.class)
                .optional().orElse(null);
        return new Storyboards.Actor(caller.keyId(), name == null ? (caller.isAdmin() ? "admin" : "unnamed key") : name);
    }
}
