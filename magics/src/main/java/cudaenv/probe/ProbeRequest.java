package cudaenv.probe;

/** One library for the worker to load (by its absolute path on this machine) and question. */
record ProbeRequest(String kind, String path) {
}
