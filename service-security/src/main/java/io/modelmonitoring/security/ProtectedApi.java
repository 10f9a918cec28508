package io.modelmonitoring.security;

/**
 * The part of a service's API that needs a token, and the scope the token must grant.
 *
 * @param pathPattern the paths, e.g. {@code /api/v1/ml/**}
 * @param scope the scope a token must carry, e.g. {@code model-monitoring:run}
 */
public record ProtectedApi(String pathPattern, String scope) {

}
