import dev.supportdesk.ocr.EnginePool;
import dev.supportdesk.ocr.OcrDocument;
import dev.supportdesk.ocr.OcrProperties;
import dev.supportdesk.ocr.OcrPipeline;
import dev.supportdesk.ocr.OcrStrategy;
import dev.supportdesk.ocr.Tessdata;
import dev.supportdesk.ocr.TesseractEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * OCR throughput on the whole corpus, four ways, in one run on this machine:
 *  adaptive  - the Java pipeline with its default strategy (extra passes where a page needs them);
 *  single    - the Java pipeline with supportdesk.ocr.strategy=single-pass (Tess4J, engines created
 *              once, a pool of one engine per core): the CLI's text;
 *  naive CLI - one tesseract process per document, one after another, default OpenMP threads;
 *  tuned CLI - one tesseract process per document with OMP_THREAD_LIMIT=1, one per core in parallel.
 * Prints pages/s for each, the ratios, and whether the single-pass texts equal the CLI's. On a machine
 * shared with other work, wall-clock ratios swing with the load; it also prints the CPU time each side
 * spent per page (the reading threads' CPU time for the pipeline; the tesseract processes' user + system
 * time for the CLI) and the ratio of pages per CPU-second, which the load changes far less.
 * Usage: java -cp ... OcrThroughput IMG_DIR[:IMG_DIR...] ROUNDS CORES [naive: true|false]
 *   (run with OMP_THREAD_LIMIT=1)
 */
public class OcrThroughput {

    record Run(double seconds, double cpuSeconds, int pages, Map<String, String> texts) {
        double pagesPerSecond() {
            return pages / seconds;
        }

        double pagesPerCpuSecond() {
            return pages / cpuSeconds;
        }

        Run plus(Run other) {
            return new Run(seconds + other.seconds, cpuSeconds + other.cpuSeconds, pages + other.pages, other.texts);
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** What one page cost: its text and the CPU seconds spent on it. */
    record Page(String text, double cpuSeconds) {
    }

    /** A page read in this thread, its CPU time measured (the engine runs native code in the calling thread). */
    private static Page inThisThread(java.util.function.Supplier<String> read) {
        long start = THREADS.getCurrentThreadCpuTime();
        String text = read.get();
        return new Page(text, (THREADS.getCurrentThreadCpuTime() - start) / 1e9);
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[1]);
        int cores = Integer.parseInt(args[2]);
        boolean withNaive = args.length < 4 || Boolean.parseBoolean(args[3]);
        List<Path> images = new ArrayList<>();
        for (String dir : args[0].split(":")) {
            try (var files = Files.list(Path.of(dir))) {
                files.sorted().forEach(images::add);
            }
        }
        System.out.printf("corpus: %d images x %d rounds per side; %d cores%n", images.size(), rounds, cores);

        String tessdata = Tessdata.locate(null, "eng").toString();
        try (OcrPipeline pipeline = new OcrPipeline(new EnginePool(cores,
                () -> new TesseractEngine(tessdata, "eng", 3)), OcrProperties.defaults(), OcrStrategy.SINGLE_PASS);
             OcrPipeline adaptivePipeline = new OcrPipeline(new EnginePool(cores,
                () -> new TesseractEngine(tessdata, "eng", 3)), OcrProperties.defaults(), OcrStrategy.ADAPTIVE)) {
            // Warm instances: engines exist before the clock starts (they are created once per instance).
            parallel(images.subList(0, Math.min(cores, images.size())), cores,
                    image -> inThisThread(() -> pipeline.extract(read(image)).text()));
            parallel(images.subList(0, Math.min(cores, images.size())), cores,
                    image -> inThisThread(() -> adaptivePipeline.extract(read(image)).text()));
            // Rounds alternate between the sides, so that load from elsewhere on the machine spreads over all of them.
            Run java = new Run(0, 0, 0, Map.of());
            Run adaptive = java;
            Run tuned = java;
            Run naive = java;
            for (int round = 0; round < rounds; round++) {
                adaptive = adaptive.plus(timed(images, cores,
                        image -> inThisThread(() -> adaptivePipeline.extract(read(image)).text())));
                java = java.plus(timed(images, cores, image -> inThisThread(() -> {
                    OcrDocument document = pipeline.extract(read(image));
                    return document.text();
                })));
                tuned = tuned.plus(timed(images, cores, image -> cli(image, true)));
                if (withNaive) {
                    naive = naive.plus(timed(images, 1, image -> cli(image, false)));
                }
            }

            System.out.printf("adaptive   %6.1f s  %5.2f pages/s  (default strategy)%n", adaptive.seconds(),
                    adaptive.pagesPerSecond());
            System.out.printf("single     %6.1f s  %5.2f pages/s  (strategy=single-pass)%n", java.seconds(),
                    java.pagesPerSecond());
            System.out.printf("tuned CLI  %6.1f s  %5.2f pages/s  (OMP_THREAD_LIMIT=1, %d processes at a time)%n",
                    tuned.seconds(), tuned.pagesPerSecond(), cores);
            if (withNaive) {
                System.out.printf("naive CLI  %6.1f s  %5.2f pages/s  (default threads, one process at a time)%n",
                        naive.seconds(), naive.pagesPerSecond());
            }
            System.out.printf("ratio adaptive / tuned CLI: %.2fx (goal >= 0.7x)%n",
                    adaptive.pagesPerSecond() / tuned.pagesPerSecond());
            System.out.printf("ratio single   / tuned CLI: %.2fx (goal >= 1.1x)%n", java.pagesPerSecond() / tuned.pagesPerSecond());
            System.out.printf("CPU per page: adaptive %.2f s, single %.2f s, tuned CLI %.2f s%n",
                    adaptive.cpuSeconds() / adaptive.pages(), java.cpuSeconds() / java.pages(),
                    tuned.cpuSeconds() / tuned.pages());
            System.out.printf("CPU ratio adaptive / tuned CLI: %.2fx, single / tuned CLI: %.2fx (pages per CPU-second)%n",
                    adaptive.pagesPerCpuSecond() / tuned.pagesPerCpuSecond(),
                    java.pagesPerCpuSecond() / tuned.pagesPerCpuSecond());
            if (withNaive) {
                System.out.printf("ratio single   / naive CLI: %.2fx%n", java.pagesPerSecond() / naive.pagesPerSecond());
            }
            int same = 0;
            for (Path image : images) {
                String name = image.getFileName().toString();
                boolean equal = java.texts().get(name).equals(tuned.texts().get(name))
                        && (!withNaive || java.texts().get(name).equals(naive.texts().get(name)));
                same += equal ? 1 : 0;
                if (!equal) {
                    System.out.println("DIFFERENT TEXT: " + name);
                }
            }
            System.out.printf("single-pass text same as the CLI's: %d of %d images%n", same, images.size());
            if (same != images.size()) {
                System.exit(1);
            }
        }
    }

    private static Run timed(List<Path> work, int threads, Function<Path, Page> read) throws Exception {
        long start = System.nanoTime();
        Map<String, Page> pages = parallel(work, threads, read);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, String> texts = new java.util.HashMap<>();
        pages.forEach((name, page) -> texts.put(name, page.text()));
        return new Run(seconds, pages.values().stream().mapToDouble(Page::cpuSeconds).sum(), work.size(), texts);
    }

    private static Map<String, Page> parallel(List<Path> work, int threads, Function<Path, Page> read)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Map<String, Page> pages = new ConcurrentHashMap<>();
            List<Future<?>> futures = new ArrayList<>();
            for (Path image : work) {
                futures.add(pool.submit(() -> pages.put(image.getFileName().toString(), read.apply(image))));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return pages;
        } finally {
            pool.shutdown();
        }
    }

    private static byte[] read(Path image) {
        try {
            return Files.readAllBytes(image);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The page text of one `tesseract IMAGE stdout -l eng --psm 3` process and its CPU time (user +
     * system, as the shell that started it reports its children's: {@code times}).
     */
    private static Page cli(Path image, boolean oneThread) {
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", "-c",
                    "tesseract \"$0\" stdout -l eng --psm 3 2>/dev/null || exit 1; times >&2", image.toString());
            if (oneThread) {
                builder.environment().put("OMP_THREAD_LIMIT", "1");
            } else {
                builder.environment().remove("OMP_THREAD_LIMIT");
            }
            Process process = builder.start();
            java.util.concurrent.CompletableFuture<String> times = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("tesseract failed on " + image);
            }
            return new Page(text.endsWith("\f") ? text.substring(0, text.length() - 1) : text, childrenCpu(times.join()));
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The children's user and system time from bash's {@code times} (second line: "0m1.234s 0m0.056s"). */
    static double childrenCpu(String times) {
        String[] lines = times.strip().split("\n");
        double seconds = 0;
        for (String field : lines[lines.length - 1].trim().split("\\s+")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)m([\\d.]+)s").matcher(field);
            if (m.matches()) {
                seconds += Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2));
            }
        }
        return seconds;
    }
}
