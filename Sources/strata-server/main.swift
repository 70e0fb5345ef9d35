import Glibc
import StrataServer

exit(ServerMain.run(CommandLine.arguments))
