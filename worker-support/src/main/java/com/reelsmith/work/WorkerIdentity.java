package com.reelsmith.work;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/** Names this worker process in job leases and logs: host, pid and a random tail. */
public record WorkerIdentity(String id) {

    public static WorkerIdentity ofThisProcess(String service) {
        String runtime = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
        return new WorkerIdentity(service + ":" + runtime + ":" + UUID.randomUUID().toString().substring(0, 8));
    }
}
