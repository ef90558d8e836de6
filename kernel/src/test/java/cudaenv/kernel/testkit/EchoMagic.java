package cudaenv.kernel.testkit;

import cudaenv.kernel.magic.DisplayData;
import cudaenv.kernel.magic.Magic;
import cudaenv.kernel.magic.MagicCall;
import cudaenv.kernel.magic.MagicContext;
import cudaenv.kernel.magic.MagicException;

import java.util.List;

/** A magic that exercises every part of the host without the cudaenv magics (like almond's echo kernel). */
public final class EchoMagic implements Magic {
    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String summary() {
        return "prints its arguments (test magic)";
    }

    @Override
    public String help() {
        return "%echo TEXT | --fail MESSAGE | --result TEXT | --later ID TEXT | --wait; %%echo shows its body";
    }

    @Override
    public void run(MagicCall call, MagicContext context) throws MagicException {
        if (call.body().isPresent()) {
            context.display(DisplayData.text(call.body().get()));
            return;
        }
        String[] words = call.args().split(" ", 3);
        switch (words[0]) {
            case "--fail" -> throw new MagicException("EchoFailed", call.args().substring("--fail".length()).strip());
            case "--result" -> context.result(DisplayData.text(words[1]));
            case "--later" -> {
                context.display(DisplayData.text("before"), words[1]);
                Thread later = new Thread(() -> {
                    sleep(300);
                    context.updateDisplay(words[1], DisplayData.text(words[2]));
                });
                later.start();
            }
            case "--wait" -> {
                while (!context.interrupted()) {
                    sleep(10);
                }
                context.out("stopped\n");
            }
            default -> context.out(call.args() + "\n");
        }
    }

    @Override
    public List<String> complete(String args, int cursor) {
        String word = args.substring(args.lastIndexOf(' ', cursor - 1) + 1, cursor);
        return List.of("--fail", "--result", "--later", "--wait").stream().filter(f -> f.startsWith(word)).toList();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
