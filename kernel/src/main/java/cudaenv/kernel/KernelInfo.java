package cudaenv.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import cudaenv.kernel.wire.Headers;

/** The kernel_info_reply content: who this kernel is and which Java it runs. */
final class KernelInfo {
    private KernelInfo() {
    }

    static JsonObject reply(String version) {
        String java = System.getProperty("java.version");
        int feature = Runtime.version().feature();
        JsonObject language = new JsonObject();
        language.addProperty("name", "java");
        language.addProperty("version", java);
        language.addProperty("mimetype", "text/x-java");
        language.addProperty("file_extension", ".java");
        language.addProperty("pygments_lexer", "java");
        language.addProperty("codemirror_mode", "text/x-java");
        JsonArray links = new JsonArray();
        links.add(link("Java " + feature + " API", "https://docs.oracle.com/en/java/javase/" + feature + "/docs/api/"));
        links.add(link("JShell guide", "https://docs.oracle.com/en/java/javase/" + feature + "/jshell/"));
        links.add(link("Jupyter messaging", "https://jupyter-client.readthedocs.io/en/stable/messaging.html"));
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        reply.addProperty("protocol_version", Headers.PROTOCOL_VERSION);
        reply.addProperty("implementation", "cudaenv");
        reply.addProperty("implementation_version", version);
        reply.add("language_info", language);
        // two short lines: jupyter console prints the banner as it is, in a terminal that may be 80 columns wide
        reply.addProperty("banner", "cudaenv " + version + ": Java " + java + " (JShell) with the %cudaenv magics.\n"
                + "%lsmagic lists the magics.");
        reply.add("help_links", links);
        reply.addProperty("debugger", false);
        return reply;
    }

    private static JsonObject link(String text, String url) {
        JsonObject link = new JsonObject();
        link.addProperty("text", text);
        link.addProperty("url", url);
        return link;
    }
}
