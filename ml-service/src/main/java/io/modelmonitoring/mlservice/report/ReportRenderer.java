package io.modelmonitoring.mlservice.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import org.springframework.stereotype.Component;

/**
 * Renders the report pages with the templates of {@code src/main/jte}, compiled into
 * classes by the build: HTML mode escapes every value by where it lands (text or
 * attribute), so an id from the logs is shown, never run.
 */
@Component
public class ReportRenderer {

	private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

	String run(RunReportPage page) {
		return render("run.jte", page);
	}

	String model(ModelReportPage page) {
		return render("model.jte", page);
	}

	private String render(String template, Object page) {
		StringOutput output = new StringOutput(64 * 1024);
		this.engine.render(template, page, output);
		return output.toString();
	}

}
