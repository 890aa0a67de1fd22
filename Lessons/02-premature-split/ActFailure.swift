/// Why an act could not go on, in one line: the narrator prints it and the lesson goes on to the
/// next act.
struct ActFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
