package dev.crudjt.benchmarks;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * Draws the report's chart with XChart, from this run's figures only: throughput per operation
 * in two panels, in-process (CRUDJT and JWT, one thread) and over loopback (CRUDJT from a
 * second JVM and Redis, at each concurrency). A bar that was not measured is left out.
 */
final class ThroughputChart {

    private static final List<String> OPERATIONS = List.of("create", "read", "update",
            "delete");

    private static final String[] REDIS = {"set", "get", "update", "del"};

    private ThroughputChart() {
    }

    /**
     * Writes the chart as a PNG file.
     *
     * @param results the run's figures
     * @param file the target, ending in {@code .png}
     * @throws IOException when the file cannot be written
     */
    static void write(Results results, Path file) throws IOException {
        CategoryChart local = chart("In-process, one thread: ops/s (higher is better)");
        local.getStyler().setSeriesColors(new Color[] {new Color(0x1B5E20),
            new Color(0x8D6E63)});
        series(local, "CRUDJT master", inProcess(results, "inprocess", 4));
        series(local, "JWT HS256 (create = sign, read = verify)", inProcess(results, "jwt", 2));
        CategoryChart remote = chart("Over loopback: ops/s (higher is better; Redis: SET EX NX, "
                + "GET, SET EX XX, DEL)");
        remote.getStyler().setSeriesColors(new Color[] {new Color(0x90CAF9),
            new Color(0xFFCC80), new Color(0x1E88E5), new Color(0xFB8C00), new Color(0x0D47A1),
            new Color(0xBF360C)});
        for (int threads : Settings.CONCURRENCY) {
            String suffix = (threads == 1) ? "1 thread" : threads + " in flight";
            series(remote, "CRUDJT client, " + suffix, remote(results, "remote",
                    OPERATIONS.toArray(new String[0]), threads));
            series(remote, "Redis, " + suffix, remote(results, "redis", REDIS, threads));
        }
        List<Chart<?, ?>> charts = new ArrayList<>();
        charts.add(local);
        if (!remote.getSeriesMap().isEmpty()) {
            charts.add(remote);
        }
        String name = file.toString();
        BitmapEncoder.saveBitmap(charts, charts.size(), 1,
                name.substring(0, name.length() - ".png".length()),
                BitmapEncoder.BitmapFormat.PNG);
    }

    private static CategoryChart chart(String title) {
        CategoryChart chart = new CategoryChartBuilder().width(1100).height(420).title(title)
                .yAxisTitle("ops/s").build();
        CategoryStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setYAxisDecimalPattern("#,###");
        styler.setOverlapped(false);
        return chart;
    }

    private static void series(CategoryChart chart, String name, List<@Nullable Double> values) {
        if (values.stream().anyMatch((value) -> value != null)) {
            chart.addSeries(name, OPERATIONS, values);
        }
    }

    private static List<@Nullable Double> inProcess(Results results, String prefix, int count) {
        List<@Nullable Double> values = new ArrayList<>();
        for (int i = 0; i < OPERATIONS.size(); i++) {
            Figure figure = (i < count) ? results.get(prefix + "." + OPERATIONS.get(i) + ".40k")
                    : null;
            values.add((figure != null) ? Settings.COUNT / figure.median() : null);
        }
        return values;
    }

    private static List<@Nullable Double> remote(Results results, String prefix, String[] names,
            int threads) {
        List<@Nullable Double> values = new ArrayList<>();
        for (String name : names) {
            Figure figure = results.get(prefix + "." + name + ".t" + threads + ".ops");
            values.add((figure != null) ? figure.median() : null);
        }
        return values;
    }
}
