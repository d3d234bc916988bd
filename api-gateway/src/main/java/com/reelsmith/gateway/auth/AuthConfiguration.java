package com.reelsmith.gateway.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the interceptor in front of the API and lets controllers take a {@link Caller} argument. */
@Configuration
class AuthConfiguration implements WebMvcConfigurer {

    /** Provider webhooks prove themselves by signature, not by key. */
    static final String WEBHOOKS = "/api/webhooks/**";
    /** Media bytes open with a key or with a signed link (for a browser's video tag). */
    static final List<String> KEY_OR_SIGNED_LINK = List.of("/api/images/*/data", "/api/videos/*/data", "/api/ads/*/data",
            "/api/exports/*/data");

    private final Authenticator authenticator;
    private final KeyUsage usage;
    /** Time spent authenticating, per request: the benchmark reads it (reelsmith_auth_seconds). */
    private final Timer authTime;

    AuthConfiguration(Authenticator authenticator, KeyUsage usage, MeterRegistry meters) {
        this.authenticator = authenticator;
        this.usage = usage;
        this.authTime = Timer.builder("reelsmith.auth").description("time to authenticate a request's API key")
                .register(meters);
    }

    @Bean
    static BCryptPasswordEncoder bcrypt() {
        return new BCryptPasswordEncoder(10);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AuthInterceptor(authenticator, true, authTime, usage)).addPathPatterns("/api/**")
                .excludePathPatterns(WEBHOOKS).excludePathPatterns(KEY_OR_SIGNED_LINK);
        registry.addInterceptor(new AuthInterceptor(authenticator, false, authTime, usage)).addPathPatterns(KEY_OR_SIGNED_LINK);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Caller.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav,
                                          NativeWebRequest request, WebDataBinderFactory binders) {
                return request.getAttribute(AuthInterceptor.CALLER, RequestAttributes.SCOPE_REQUEST);
            }
        });
    }
}
