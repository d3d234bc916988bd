package com.reelsmith.gateway.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint that needs no API key (AuthConfiguration leaves it out): a provider's webhook proves
 * itself by signature. {@code keyAccepted}: a key works too, else a signed link (media bytes).
 * The OpenAPI document marks it with empty security.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface NoApiKey {

    /** How the caller proves itself instead, for the document. */
    String value();

    boolean keyAccepted() default false;
}
