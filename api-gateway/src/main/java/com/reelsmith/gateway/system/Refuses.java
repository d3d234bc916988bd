package com.reelsmith.gateway.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The statuses an endpoint refuses with besides those every endpoint may answer (400, 503, and
 * with a key 401, 403, 429; with a path variable 404): 402, 409, 413, 415, 422... Read by the
 * OpenAPI document (each listed with the error body); the contract test proves the list is true
 * for what it exercises.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Refuses {

    int[] value();
}
