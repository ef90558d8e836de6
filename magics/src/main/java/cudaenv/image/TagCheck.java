package cudaenv.image;

import java.util.List;
import java.util.Optional;

/**
 * An image tag's claims, each checked against the report.
 *
 * @param error why the tag could not be read (not one of {@link ImageTag#FORMS}); then there are no claims
 */
public record TagCheck(String tag, Optional<String> error, List<Claim> claims) {
    public TagCheck {
        claims = List.copyOf(claims);
    }

    public enum Status {
        CONFIRMED, CONTRADICTED, NOT_CHECKABLE;

        /** The words shown: confirmed, contradicted, not checkable. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * One claim.
     *
     * @param subject what is claimed about: PyTorch, CUDA, cuDNN major, nvcc, OS
     * @param claimed what the tag says
     * @param found   what the report says, empty when it says nothing
     * @param why     one line: where the found value comes from, or why it cannot be checked
     */
    public record Claim(String subject, String claimed, Optional<String> found, Status status, String why) {
    }

    public boolean contradicted() {
        return claims.stream().anyMatch(c -> c.status() == Status.CONTRADICTED);
    }
}
