import Foundation

/// Who is deciding when `--reviewer` is not given: `$USER`, `$LOGNAME`, else the account's
/// name from the user database (what `whoami` prints), else `uid N`. Never a made-up word
/// such as "reviewer": the name becomes each decision's author and each cluster's owner.
public enum ReviewerName {
    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment, account: () -> String? = accountName) -> String {
        let named = [environment["USER"], environment["LOGNAME"], account()].compactMap { $0?.trimmingCharacters(in: .whitespaces) }
        return named.first { !$0.isEmpty } ?? "uid \(getuid())"
    }

    /// The login name of the process's user, from the user database.
    public static func accountName() -> String? {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}
