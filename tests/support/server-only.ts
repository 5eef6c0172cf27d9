// Stand-in for the "server-only" guard package, which throws outside React server bundles.
export {};
