package cudaenv.cli;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Draws the kernel's logo (a chip on a green tile) at install time, so no binary image lives in the sources. */
final class Logos {
    private static final Color GREEN = new Color(0x76, 0xB9, 0x00);

    private Logos() {
    }

    static void write(Path file, int size) throws IOException {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(GREEN);
            g.fillRoundRect(0, 0, size, size, size / 4, size / 4);
            int chip = size / 2;
            int at = (size - chip) / 2;
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(Math.max(1f, size / 32f)));
            for (int i = 1; i <= 3; i++) {
                int p = at + i * chip / 4;
                int pin = size / 10;
                g.drawLine(p, at - pin, p, at + chip + pin);
                g.drawLine(at - pin, p, at + chip + pin, p);
            }
            g.fillRect(at, at, chip, chip);
            g.setColor(GREEN);
            g.fillRect(at + chip / 4, at + chip / 4, chip / 2, chip / 2);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }
}
