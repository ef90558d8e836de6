package cudaenv.magic;

import cudaenv.image.ImageTag;
import cudaenv.render.Sections;
import cudaenv.render.Wrap;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The words after {@code %cudaenv}: each with its flags and the help line inspection shows. */
enum Subcommand {
    SUMMARY("", "", "the verdict, the CUDA version ladder, the GPUs and the findings with fixes", List.of(), 0),
    DRIVER("driver", "", "the NVIDIA driver: versions, kernel module, libcuda, cuInit/nvmlInit answers, Secure"
            + " Boot and lockdown; while the module is not loaded, its file's signature and the MOK keys", List.of(), 0),
    GPUS("gpus", "", "the GPUs CUDA and NVML see (or why none)", List.of(), 0),
    LIBS("libs", "", "every CUDA-family library found, its version, origin and which copy the loader picks", List.of(), 0),
    FRAMEWORKS("frameworks", "", "torch & co.: the CUDA they were built for, GPU code, builds that would run here",
            List.of(), 0),
    CONTAINER("container", "", "container detection, injected GPU devices, NVIDIA_*/CUDA_* variables (secrets hidden)",
            List.of(), 0),
    FINDINGS("findings", "", "every finding with why and how to fix it", List.of(), 0),
    EXPLAIN("explain", "", "teaching: the four CUDA numbers of this machine, what each means, and the terms reports"
            + " use", List.of(), 0),
    CHECK("check", "[--require \"cuda>=12.1\"]... [--gpus N]",
            "fail the cell when a requirement is unmet or an error finding exists; pass quietly otherwise."
                    + " Requirements: cuda (driver's max CUDA), driver, runtime (libcudart), nvcc, cudnn, or a"
                    + " framework name (torch>=2.1); operators >= > <= < == !=",
            List.of(Flag.REQUIRE, Flag.GPUS), 0),
    WATCH("watch", "[--interval SECONDS] [--count N]",
            "each GPU's utilisation, memory, temperature and power now, with min, max and a chart of the last"
                    + " minute, and its processes; one output updated in place until the count is reached or the"
                    + " cell is interrupted (default: every 1 s until interrupted)",
            List.of(Flag.INTERVAL, Flag.COUNT), 0),
    TEST("test", "[--size MIB]",
            "the functional test, opt-in because it touches the GPU: on each visible GPU allocate (default 256 MiB),"
                    + " copy host->device->host with bandwidth (pageable, pinned), JIT-compile and launch a vector add"
                    + " and check it, time a launch round trip, free; a failure names its cause and fix. The result"
                    + " becomes the current report",
            List.of(Flag.SIZE), 0),
    SAVE("save", "FILE", "write the current report as JSON", List.of(), 1),
    LOAD("load", "FILE", "read a saved report (another machine's too), show it and make it the current report",
            List.of(), 1),
    JSON("json", "", "the raw report as application/json", List.of(), 0),
    COMPARE("compare", "A.json B.json [MORE.json | DIR ...] [--all] [--fleet]",
            "compare saved reports: two files show the facts that differ, the findings one has and the other lacks,"
                    + " and the difference that matters; more files or a folder (*.json, *.jsonl, *.ndjson, *.log)"
                    + " group a fleet by configuration and name the outliers. --all shows identical facts and every"
                    + " group; --fleet treats two files as a fleet",
            List.of(Flag.ALL, Flag.FLEET), 1, Integer.MAX_VALUE),
    TAG("tag", "IMAGE:TAG", "check what an image tag claims (PyTorch, CUDA, cuDNN major, devel means nvcc, OS)"
            + " against the current report: each claim confirmed, contradicted or not checkable. Tags read: "
            + ImageTag.FORMS, List.of(), 1),
    DATA("data", "", "what cudaenv's data tables know and as of when: each table's sources date, rows, unconfirmed"
            + " rows and newest row (versions newer than that are reported as newer than cudaenv's data)", List.of(), 0),
    HELP("help", "", "this help (also %cudaenv?)", List.of(), 0);

    /** A flag; {@code --refresh} is accepted by every subcommand that shows the report. */
    enum Flag {
        REQUIRE("--require", true, true),
        GPUS("--gpus", true, false),
        INTERVAL("--interval", true, false),
        COUNT("--count", true, false),
        SIZE("--size", true, false),
        ALL("--all", false, false),
        FLEET("--fleet", false, false),
        REFRESH("--refresh", false, false);

        final String text;
        final boolean takesValue;
        final boolean repeatable;

        Flag(String text, boolean takesValue, boolean repeatable) {
            this.text = text;
            this.takesValue = takesValue;
            this.repeatable = repeatable;
        }
    }

    final String word;
    final String usage;
    final String description;
    final List<Flag> flags;
    final int minFiles;
    final int maxFiles;

    Subcommand(String word, String usage, String description, List<Flag> flags, int files) {
        this(word, usage, description, flags, files, files);
    }

    Subcommand(String word, String usage, String description, List<Flag> flags, int minFiles, int maxFiles) {
        this.word = word;
        this.usage = usage;
        this.description = description;
        this.flags = flags;
        this.minFiles = minFiles;
        this.maxFiles = maxFiles;
    }

    /** What the words after the subcommand are, for usage errors: "needs a FILE", "takes one FILE". */
    String argument() {
        return this == TAG ? "IMAGE:TAG" : "FILE";
    }

    String argumentWithArticle() {
        return this == TAG ? "an IMAGE:TAG" : this == COMPARE ? "report FILEs or a DIR" : "a FILE";
    }

    /** Flags this subcommand takes, with --refresh where the current report is shown or checked. */
    List<Flag> allFlags() {
        boolean refreshes = this != HELP && this != LOAD && this != WATCH && this != COMPARE && this != DATA
                && this != TEST;
        return refreshes ? java.util.stream.Stream.concat(flags.stream(), java.util.stream.Stream.of(Flag.REFRESH))
                .toList() : flags;
    }

    /** The report section this subcommand shows, if it shows one. */
    Optional<Sections> section() {
        return this == SUMMARY ? Optional.of(Sections.SUMMARY) : Sections.byId(word)
                .filter(s -> s != Sections.SUMMARY);
    }

    String synopsis() {
        String flagsText = allFlags().contains(Flag.REFRESH) ? " [--refresh]" : "";
        return ("%cudaenv " + word + (usage.isEmpty() ? "" : " " + usage)).stripTrailing().replace("  ", " ")
                + flagsText;
    }

    /** The help of this one subcommand, for inspection. */
    String help() {
        return synopsis() + "\n    " + String.join("\n    ", Wrap.lines(description, Wrap.WIDTH - 4)) + "\n";
    }

    static Optional<Subcommand> byWord(String word) {
        return Arrays.stream(values()).filter(s -> s != SUMMARY && s.word.equals(word)).findFirst();
    }

    static List<String> words() {
        return Arrays.stream(values()).filter(s -> s != SUMMARY).map(s -> s.word).toList();
    }
}
