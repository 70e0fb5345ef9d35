import Dispatch
import Glibc
import Logging
import StrataConfig
import StrataCore
import StrataLogging

/// `strata-server [config-file] [--name value ...]`, the same command line as redis-server.
public enum ServerMain {
    public static func run(_ arguments: [String]) -> Int32 {
        let commandLine = CommandLineArguments(Array(arguments.dropFirst()))
        switch commandLine.request {
        case .printVersion:
            print("Strata server v=\(Engine.strataVersion) redis_version=\(Engine.redisVersion) bits=64")
            return 0
        case .printHelp:
            print(usage)
            return 0
        case .run:
            break
        }
        let config = ConfigStore()
        do {
            try config.load(commandLine: commandLine)
        } catch {
            fputs("\(error)\n", stderr)
            return 1
        }
        let logging = ServerLogging(config: config)
        let logger = Logger(label: "strata")
        logger.notice("oO0OoO0OoO0Oo Strata is starting oO0OoO0OoO0Oo")
        logger.notice("Strata version=\(Engine.strataVersion) (Redis \(Engine.redisVersion) compatible), bits=64, pid=\(getpid()), just started")
        logger.notice(config.configFile == nil
            ? "Warning: no config file specified, using the default config. In order to specify a config file use \(arguments.first ?? "strata-server") /path/to/redis.conf"
            : "Configuration loaded")
        let dir = config.string("dir")
        if !dir.isEmpty, chdir(dir) != 0 {
            logger.warning("Can't chdir to '\(dir)': \(String(cString: strerror(errno)))")
            return 1
        }
        let server = StrataServer(config: config, logger: logger, executablePath: executablePath(arguments.first))
        config.onLoggingChange = { logging.apply(config) }
        // Signals are handled before the first client can connect, so a SIGTERM right after startup (or during the
        // load) still shuts down cleanly.
        let sources = [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")].map { sig, name -> DispatchSourceSignal in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { server.handleSignal(name) }
            source.resume()
            return source
        }
        signal(SIGPIPE, SIG_IGN)
        do {
            try server.start()
        } catch is NotListeningAnywhere {
            logger.warning("Configured to not listen anywhere, exiting.")
            server.discard()
            return 1
        } catch {
            logger.warning("Failed listening on port \(config.int("port")) (TCP), aborting.")
            server.discard()
            return 1
        }
        logger.notice("Running mode=standalone, port=\(server.tcpPort).")
        logger.notice("Server initialized")
        let pidfile = config.string("pidfile")
        if !pidfile.isEmpty { writePidfile(pidfile) }
        // Clients can connect while the dump loads: they get -LOADING until it is in place.
        server.loadDataset { logger.notice("Ready to accept connections tcp") }
        server.wait()
        sources.forEach { $0.cancel() }
        if !pidfile.isEmpty { unlink(pidfile) }
        return server.exitStatus
    }

    static let usage = """
        Usage: strata-server [/path/to/redis.conf] [options] [-]
               strata-server - (read config from stdin)
               strata-server -v or --version
               strata-server -h or --help

        Examples:
               strata-server (run the server with default conf)
               strata-server /etc/redis/6379.conf
               strata-server --port 7777
               strata-server /etc/myredis.conf --loglevel verbose -
        """

    static func executablePath(_ argv0: String?) -> String {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        return n > 0 ? String(cString: buf) : (argv0 ?? "")
    }

    static func writePidfile(_ path: String) {
        guard let f = fopen(path, "w") else { return }
        fputs("\(getpid())\n", f)
        fclose(f)
    }
}
