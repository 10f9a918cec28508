package io.modelmonitoring.riskanalytics.mlservice.auth;

/** Where a new token comes from: minted here, or asked of the issuer. */
interface AccessTokenSource {

	/**
	 * A new token.
	 * @throws AccessTokenUnavailableException when none can be had
	 */
	AccessToken fetch();

}
