package cudaenv.elf;

import java.util.Optional;

/**
 * A shared object's DT_SONAME, or the one-line reason the file is not a readable shared object.
 *
 * @param soname empty when it has none (a file that is not an error may still lack one)
 */
public record SonameRead(Optional<String> soname, Optional<String> error) {
    static SonameRead of(Optional<String> soname) {
        return new SonameRead(soname, Optional.empty());
    }

    static SonameRead failure(String why) {
        return new SonameRead(Optional.empty(), Optional.of(why));
    }
}
