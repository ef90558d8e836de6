package cudaenv.elf;

/** Unwinds a parse of malformed bytes; the readers turn it into an error value at their boundary. */
final class ElfFormatException extends Exception {
    ElfFormatException(String message) {
        super(message, null, false, false);
    }
}
