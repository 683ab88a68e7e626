package io.github.relayllm.bench.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class RenderingTest {
    @TempDir
    Path dir;

    private EvaluationReport report;

    @BeforeEach
    void readFixture() throws IOException {
        report = RunDirectory.read(RunFolderFixture.write(dir));
    }

    @Test
    void markdownHasARowPerBenchmarkAndTheAverage() {
        String md = MarkdownReport.render(report);
        assertThat(md).contains("""
                ## relay

                | benchmark | requests | accuracy % | accuracy (reference) % | accuracy (judge) % | call ratio % \
                | calls / problem | SLM gen tokens | LLM gen tokens | SLM prefill tokens | LLM prefill tokens \
                | wall total s | wall mean ms |
                | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
                | MATH-500 | 4 | 50.00 | 50.00 | - | 8.00 | 1.00 | 115.0 | 10.0 | 50.0 | 175.0 | 4.0 | 1000.0 |
                | AIME-2024 | 2 | 50.00 | 50.00 | 100.00 | 10.00 | 1.00 | 180.0 | 20.0 | 100.0 | 300.0 | 5.0 | 2500.0 |
                | **Average (2)** | 6 | 50.00 | 50.00 | - | 9.00 | 1.00 | 147.5 | 15.0 | 75.0 | 237.5 | 4.5 | 1750.0 |
                """);
        assertThat(md).contains("| random-query-0.6 | 2 | 4 | 75.00 | 75.00 | - | 60.00 |");
        assertThat(md).contains("**Average** = the unweighted mean over benchmarks");
    }

    @Test
    void jsonHasFractionsPerBenchmarkAndAverage() {
        JsonNode json = JsonReport.render(report);
        assertThat(json.get("benchmarks").toString()).isEqualTo("[\"math500\",\"aime24\"]");
        JsonNode relay = json.get("policies").get(0);
        assertThat(relay.get("policy").asText()).isEqualTo("relay");
        assertThat(relay.get("sweep").isNull()).isTrue();
        JsonNode aime = relay.get("benchmarks").get("aime24");
        assertThat(aime.get("requests").asInt()).isEqualTo(2);
        assertThat(aime.get("accuracy").asDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(aime.get("accuracy_judge").asDouble()).isCloseTo(1.0, within(1e-12));
        assertThat(aime.get("call_ratio").asDouble()).isCloseTo(0.1, within(1e-12));
        assertThat(aime.get("wall_ms_total").asDouble()).isCloseTo(5000, within(1e-9));
        for (String field : List.of(
                "accuracy_reference",
                "calls_per_problem",
                "slm_generated_tokens",
                "llm_generated_tokens",
                "slm_prefill_tokens",
                "llm_prefill_tokens",
                "wall_ms_mean")) {
            assertThat(aime.has(field)).as(field).isTrue();
        }
        assertThat(relay.get("average").get("accuracy_judge").isNull()).isTrue();
        assertThat(relay.get("average").get("call_ratio").asDouble()).isCloseTo(0.09, within(1e-12));
        assertThat(json.get("policies").get(1).get("sweep").asText()).isEqualTo("random-query");
        JsonNode published = json.get("published");
        assertThat(published).hasSize(PublishedResult.PAPER.size());
        assertThat(published.get(7).get("label").asText()).isEqualTo("Qwen3-1.7B RelayLLM");
        assertThat(published.get(7).get("call_ratio").asDouble()).isCloseTo(0.0107, within(1e-12));
        assertThat(published.get(0).get("call_ratio").isNull()).isTrue();
    }

    @Test
    void svgIsXmlWithAPointPerPolicyASweepLineAndThePapersPoints() throws Exception {
        String svg = SvgPlot.render(report);
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");

        assertThat(withClass(doc, "circle", "policy-point"))
                .extracting(e -> e.getAttribute("data-policy"))
                .containsExactly("relay", "random-query-0.2", "random-query-0.6");
        List<Element> lines = withClass(doc, "polyline", "sweep-line");
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst().getAttribute("data-family")).isEqualTo("random-query");
        assertThat(lines.getFirst().getAttribute("points").split(" ")).hasSize(2);

        assertThat(withClass(doc, "path", "published-point"))
                .extracting(e -> e.getAttribute("data-label"))
                .containsExactly(PublishedResult.PAPER.stream()
                        .map(PublishedResult::label)
                        .toArray(String[]::new));
        assertThat(withClass(doc, "text", "published-label"))
                .extracting(Element::getTextContent)
                .contains("Qwen3-1.7B RelayLLM", "Qwen3-8B alone");
        assertThat(svg).contains("published (paper, LLM-judge grading)");
        assertThat(withClass(doc, "line", "x-tick")).hasSize(CallRatioAxis.TICKS.size());
        assertThat(withClass(doc, "line", "y-tick")).isNotEmpty();
        assertThat(withClass(doc, "text", "title")).hasSize(1);
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(svg).doesNotContain("href").doesNotContain("@import");
    }

    @Test
    void pointsSitWhereTheirFiguresSay() throws Exception {
        List<PlotMark> marks = PlotMark.of(report);
        assertThat(marks.getFirst()).isInstanceOf(PlotMark.SweepLine.class);
        PlotMark.SweepLine sweep = (PlotMark.SweepLine) marks.getFirst();
        assertThat(sweep.points())
                .extracting(PlotMark.PolicyPoint::callRatioPercent)
                .containsExactly(20.0, 60.0);
        PlotMark.PolicyPoint relay = (PlotMark.PolicyPoint) marks.get(1);
        assertThat(relay.accuracyPercent()).isCloseTo(50, within(1e-9));
        assertThat(relay.callRatioPercent()).isCloseTo(9, within(1e-9));
    }

    @Test
    void theCallRatioAxisIsLinearNearZeroAndLogAbove() {
        assertThat(CallRatioAxis.position(0)).isZero();
        assertThat(CallRatioAxis.position(100)).isCloseTo(1, within(1e-12));
        double tenth = CallRatioAxis.position(0.1);
        double one = CallRatioAxis.position(1);
        double ten = CallRatioAxis.position(10);
        assertThat(ten - one)
                .as("a decade above 1% is about a third of the axis")
                .isCloseTo(1 - ten, within(0.02));
        assertThat(tenth).isGreaterThan(0.08).isLessThan(one);
    }

    @Test
    void aPolicyMissingBenchmarksIsFlaggedAndOddNamesStayValidXml() throws Exception {
        RunFolderFixture.file(
                dir,
                "gsm8k",
                "scripted-<a&b>",
                RunFolderFixture.line("gsm8k", "scripted-<a&b>", true, true, null, 0, 10, 10, 0, 5, 0, 1));
        EvaluationReport wider = RunDirectory.read(dir);
        assertThat(wider.benchmarks()).containsExactly("math500", "gsm8k", "aime24");
        assertThat(MarkdownReport.render(wider)).contains("| scripted-<a&b> | 1 of 3 | 1 | 100.00 |");
        assertThat(MarkdownReport.render(wider)).contains("| relay | 2 of 3 | 6 | 50.00 |");
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(SvgPlot.render(wider).getBytes(StandardCharsets.UTF_8)));
        assertThat(withClass(doc, "circle", "policy-point"))
                .extracting(e -> e.getAttribute("data-policy"))
                .contains("scripted-<a&b>");
    }

    private static List<Element> withClass(Document doc, String tag, String cssClass) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (element.getAttribute("class").equals(cssClass)) {
                found.add(element);
            }
        }
        return found;
    }
}
