import Foundation
import WorkbookKit

/// In the student edition, which holds the reference out, a lesson whose exercise is not written
/// yet shows the reference's run of it as `workbook edition` recorded it
/// (`Lessons/NN-slug/recorded-run.txt`: dated, with the machine and the build it ran on), then
/// says how to watch it run on the student's own code. In the instructor's copy, and where the
/// edition has no recording, it shows nothing: the lesson runs the reference live.
public enum RecordedRun {
    /// The recording's name in the lesson's folder.
    public static let fileName = "recorded-run.txt"

    /// Shows the recording kept in the folder of `lessonFile` (the lesson's `#filePath`);
    /// answers whether there was one to show.
    @discardableResult
    public static func show(narrator: Narrator, lessonFile: StaticString = #filePath) -> Bool {
        guard !Implementation.referenceShipped else { return false }
        let file = URL(fileURLWithPath: "\(lessonFile)").deletingLastPathComponent().appendingPathComponent(fileName)
        guard let text = try? String(contentsOf: file, encoding: .utf8), !text.isEmpty else { return false }
        narrator.say("Your exercise is not written yet, so here is the reference's run of this lesson, recorded (not live):")
        narrator.say("")
        narrator.say(text.trimmingCharacters(in: .newlines))
        narrator.say("")
        narrator.say("That was a recording of the reference. To watch the lesson run on your own code:")
        return true
    }
}
