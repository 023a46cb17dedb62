// Who is acting: AIRLOCK_USER, else USER, else the login name.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

public enum Identity {
    /// `AIRLOCK_USER`, else `USER`, else the login name.
    public static func actor(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let u = environment["AIRLOCK_USER"], !u.isEmpty { return u }
        if let u = environment["USER"], !u.isEmpty { return u }
        if let p = getlogin() { return String(cString: p) }
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }
}
