package cudaenv.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names of vendor return codes (CUresult, cudaError_t, nvmlReturn_t, cudnnStatus_t, ncclResult_t,
 * cublasStatus_t, nvrtcResult), from data files taken from the vendors' headers.
 */
public final class ReturnCodes {
    public static final String CU_RESULT = "CUresult";
    public static final String CUDA_ERROR = "cudaError_t";
    public static final String NVML_RETURN = "nvmlReturn_t";
    public static final String CUDNN_STATUS = "cudnnStatus_t";
    public static final String NCCL_RESULT = "ncclResult_t";
    public static final String CUBLAS_STATUS = "cublasStatus_t";
    public static final String NVRTC_RESULT = "nvrtcResult";

    private static final Map<String, Map<Integer, String>> TABLES = new ConcurrentHashMap<>();

    private ReturnCodes() {
    }

    /** "CUDA_ERROR_STUB_LIBRARY (34)"; an unlisted code as "CUresult 1234". */
    public static String describe(String type, int code) {
        String name = table(type).get(code);
        return name == null ? type + " " + code : name + " (" + code + ")";
    }

    /** The bare name, e.g. CUDA_SUCCESS; an unlisted code as "CUresult 1234". */
    public static String name(String type, int code) {
        String name = table(type).get(code);
        return name == null ? type + " " + code : name;
    }

    private static Map<Integer, String> table(String type) {
        return TABLES.computeIfAbsent(type, ReturnCodes::load);
    }

    private static Map<Integer, String> load(String type) {
        Map<Integer, String> table = new HashMap<>();
        try (InputStream in = ReturnCodes.class.getResourceAsStream("/cudaenv/data/return-codes/" + type + ".tsv")) {
            if (in == null) {
                throw new IllegalStateException("no return-code table for " + type);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                table.putIfAbsent(Integer.parseInt(cols[0].trim()), cols[1].trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }
}
