package dev.supportdesk.ocr;

import java.util.List;

/**
 * Text-sized ink components whose centre lies in no word read: text the layout analysis dropped. Their
 * share of all text-sized components, and the box around them ({x, y, width, height}, a line's margin
 * added), or no box when there are none.
 */
record StrayInk(double share, int[] area) {

    static final StrayInk NONE = new StrayInk(0, null);
    /** {@code components}: the boxes of the page's ink, rules removed ({@link Boxes#components}). */
    static StrayInk of(List<int[]> components, int width, int height, List<TesseractEngine.Word> words) {
        List<TesseractEngine.Word> plausible = AdaptiveReader.plausible(words);
        if (plausible.isEmpty()) {
            return NONE;
        }
        int line = AdaptiveReader.medianHeight(plausible);
        int stray = 0;
        int left = Integer.MAX_VALUE;
        int top = Integer.MAX_VALUE;
        int right = 0;
        int bottom = 0;
        int all = 0;
        for (int[] box : components) {
            int x = box[0];
            int y = box[1];
            int w = box[2];
            int h = box[3];
            if (h * 2 < line || h > line * 2 || w > line * 3) {
                continue;
            }
            all++;
            int cx = x + w / 2;
            int cy = y + h / 2;
            boolean inside = false;
            for (TesseractEngine.Word word : plausible) {
                if (cx >= word.left() && cx <= word.right() && cy >= word.top() && cy <= word.bottom()) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                stray++;
                left = Math.min(left, x);
                top = Math.min(top, y);
                right = Math.max(right, x + w);
                bottom = Math.max(bottom, y + h);
            }
        }
        if (stray == 0) {
            return NONE;
        }
        // A margin of a line around the stray ink, so the engine sees whole lines of it.
        int x0 = Math.max(0, left - line);
        int y0 = Math.max(0, top - line);
        int[] area = {x0, y0, Math.min(width, right + line) - x0, Math.min(height, bottom + line) - y0};
        return new StrayInk((double) stray / all, area);
    }

}
