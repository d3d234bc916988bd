package com.reelsmith.gateway.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint whose success status ({@code @ResponseStatus}, 201 or 202) is answered with 200 when
 * the same thing was asked for before (an idempotent repeat): the OpenAPI document lists both, with
 * the same body. {@code value}: when the 200 comes, for the document.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AlsoOk {

    String value();
}
