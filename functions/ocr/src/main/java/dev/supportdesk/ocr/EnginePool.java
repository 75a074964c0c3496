package dev.supportdesk.ocr;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A bounded set of engines, created on first need and reused for the life of the process. At most
 * {@code size} pages are read at once; further callers wait for an engine. Each engine runs
 * single-threaded (OMP_THREAD_LIMIT=1), so {@code size} is normally the number of cores.
 */
public final class EnginePool implements AutoCloseable {

    private final BlockingQueue<TesseractEngine> idle;
    private final List<TesseractEngine> all = new ArrayList<>();
    private final Supplier<TesseractEngine> factory;
    private final int size;

    public EnginePool(int size, Supplier<TesseractEngine> factory) {
        if (size < 1) {
            throw new IllegalArgumentException("an engine pool needs at least one engine");
        }
        this.size = size;
        this.factory = factory;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    public <T> T withEngine(Function<TesseractEngine, T> work) {
        TesseractEngine engine = borrow();
        try {
            return work.apply(engine);
        } finally {
            idle.add(engine);
        }
    }

    private TesseractEngine borrow() {
        TesseractEngine engine = idle.poll();
        if (engine != null) {
            return engine;
        }
        synchronized (all) {
            if (all.size() < size) {
                TesseractEngine created = factory.get();
                all.add(created);
                return created;
            }
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an OCR engine", e);
        }
    }

    public int size() {
        return size;
    }

    @Override
    public void close() {
        synchronized (all) {
            all.forEach(TesseractEngine::close);
            all.clear();
        }
    }
}
