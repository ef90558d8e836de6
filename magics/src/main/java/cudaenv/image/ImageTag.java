package cudaenv.image;

import cudaenv.diagnose.data.NgcReleases;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an image tag claims about the image's inside, from its naming convention.
 *
 * @param image     the repository, e.g. pytorch/pytorch, nvidia/cuda, nvcr.io/nvidia/pytorch
 * @param torch     the PyTorch version claimed (pytorch/pytorch, NGC)
 * @param cuda      the CUDA version claimed: "12.4" (pytorch/pytorch), "12.4.1" (nvidia/cuda), NGC's from its table
 * @param cudnnMajor the cuDNN major version claimed; empty when the tag says "cudnn" without one or nothing
 * @param flavor    runtime | devel | base, where the tag says
 * @param os        nvidia/cuda's OS, e.g. ubuntu22.04
 * @param release   NGC's yy.mm release
 */
public record ImageTag(String tag, String image, Optional<String> torch, Optional<String> cuda,
                       Optional<String> cudnnMajor, Optional<String> flavor, Optional<String> os,
                       Optional<String> release) {
    private static final Pattern PYTORCH = Pattern.compile(
            "(?:docker\\.io/)?pytorch/pytorch:(\\d+\\.\\d+(?:\\.\\d+)?)-cuda(\\d+\\.\\d+)-cudnn(\\d+)-(runtime|devel)");
    private static final Pattern CUDA = Pattern.compile(
            "(?:docker\\.io/|nvcr\\.io/)?nvidia/cuda:(\\d+\\.\\d+\\.\\d+)-(?:cudnn(\\d*)-)?(base|runtime|devel)-(\\w+?\\d+(?:\\.\\d+)?)");
    private static final Pattern NGC = Pattern.compile("nvcr\\.io/nvidia/pytorch:(\\d{2}\\.\\d{2})-py3");

    /** The tag forms understood, for the message when one is not. */
    public static final String FORMS = "pytorch/pytorch:<ver>-cuda<X.Y>-cudnn<N>-<runtime|devel>, "
            + "nvidia/cuda:<X.Y.Z>-[cudnn<N>-]<base|runtime|devel>-<os>, nvcr.io/nvidia/pytorch:<yy.mm>-py3";

    /** The claims of a tag in one of the three known forms; empty for any other tag. */
    public static Optional<ImageTag> parse(String tag) {
        String t = tag == null ? "" : tag.trim();
        Matcher m = PYTORCH.matcher(t);
        if (m.matches()) {
            return Optional.of(new ImageTag(t, "pytorch/pytorch", Optional.of(m.group(1)), Optional.of(m.group(2)),
                    Optional.of(m.group(3)), Optional.of(m.group(4)), Optional.empty(), Optional.empty()));
        }
        m = CUDA.matcher(t);
        if (m.matches()) {
            Optional<String> cudnn = Optional.ofNullable(m.group(2)).filter(s -> !s.isEmpty());
            return Optional.of(new ImageTag(t, "nvidia/cuda", Optional.empty(), Optional.of(m.group(1)), cudnn,
                    Optional.of(m.group(3)), Optional.of(m.group(4)), Optional.empty()));
        }
        m = NGC.matcher(t);
        if (m.matches()) {
            Optional<NgcReleases.Release> r = NgcReleases.find(m.group(1));
            return Optional.of(new ImageTag(t, "nvcr.io/nvidia/pytorch", r.map(NgcReleases.Release::pytorch),
                    r.map(NgcReleases.Release::cuda), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(m.group(1))));
        }
        return Optional.empty();
    }

    /** The tag names cuDNN at all (nvidia/cuda's "cudnn-" without a major still promises one). */
    public boolean claimsCudnn() {
        return cudnnMajor.isPresent() || tag.contains("-cudnn-");
    }
}
