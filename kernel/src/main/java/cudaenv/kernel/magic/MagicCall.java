package cudaenv.kernel.magic;

import java.util.Optional;

/**
 * What the user wrote.
 *
 * @param name the magic's name
 * @param args the rest of the magic's line, untrimmed of inner spaces
 * @param body the cell after the first line for a cell magic ({@code %%name}); empty for a line magic
 */
public record MagicCall(String name, String args, Optional<String> body) {
    public MagicCall {
        args = args == null ? "" : args;
        body = body == null ? Optional.empty() : body;
    }

    public boolean isCellMagic() {
        return body.isPresent();
    }
}
