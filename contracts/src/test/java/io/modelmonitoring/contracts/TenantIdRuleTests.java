package io.modelmonitoring.contracts;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The tenant-id pattern against named ids, as a validator matches it (whole input). */
class TenantIdRuleTests {

	static final Pattern RULE = Pattern.compile(TenantIdRule.PATTERN);

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			a plain id                 | tenant-1            | true
			every allowed character    | Ab9._:-             | true
			one character              | t                   | true
			empty                      | ''                  | false
			a space                    | tenant 1            | false
			a query operator           | $where              | false
			a slash                    | tenant/1            | false
			a letter outside ASCII     | tenänt              | false
			""")
	void anIdMatchesOnlyWithAllowedCharacters(String name, String id, boolean matches) {
		assertThat(RULE.matcher(id).matches()).isEqualTo(matches);
	}

	@ParameterizedTest(name = "{0} characters")
	@CsvSource({ "128, true", "129, false" })
	void anIdHoldsAtMost128Characters(int length, boolean matches) {
		assertThat(RULE.matcher("t".repeat(length)).matches()).isEqualTo(matches);
	}

	@Test
	void aTrailingLineBreakDoesNotMatch() {
		assertThat(RULE.matcher("tenant-1\n").matches()).isFalse();
	}

}
