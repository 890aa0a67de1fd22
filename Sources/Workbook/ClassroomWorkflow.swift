/// The GitHub Actions workflow GitHub Classroom runs on every push to a student's repository,
/// as `workbook autograder classroom` writes it.
///
/// It checks out the student's repository and, beside it, the instructor's workbook at a fixed
/// commit, and grades the student's `Exercises/` with the workbook's tests and grading.json
/// (`workbook grade NN --student`), so that a student who edits the tests in their own
/// repository changes nothing. One step per exercise hands Classroom's grading reporter that
/// exercise's classroom.json, base64 encoded, as the step's `result` output; the reporter adds
/// the points up. The job runs in Swift's official image, with PostgreSQL as a service, so that
/// the checks that run on PostgreSQL in CI run there too.
struct ClassroomWorkflow {
    let repository: String
    let ref: String
    let exercises: [Lesson]
    let timeout: Int
    let swiftVersion: String

    static func stepID(_ lesson: Lesson) -> String { "exercise-\(lesson.number)" }

    var text: String {
        let ids = exercises.map(Self.stepID)
        // Each exercise may take its limit twice (a hang, then listing its checks from the stub),
        // plus the build; the job's limit stops anything else.
        let minutes = 20 + exercises.count * (2 * timeout + 59) / 60
        var yaml = """
            # GitHub Classroom autograding for Monolith First, written by
            #   swift run workbook autograder classroom --repository \(repository)
            # Regenerate it rather than edit it. It grades the student's Exercises/ with the workbook
            # at \(repository)@\(ref) (its tests and its Lessons/NN-slug/grading.json), never with
            # the tests in the student's own repository. If that repository is private, add a
            # repository or organisation secret WORKBOOK_TOKEN that can read it.
            name: Autograding Tests
            "on":
              - push
              - repository_dispatch
            permissions:
              checks: write
              actions: read
              contents: read
            jobs:
              run-autograding-tests:
                name: Autograding Tests
                runs-on: ubuntu-latest
                if: github.actor != 'github-classroom[bot]'
                timeout-minutes: \(minutes)
                container: swift:\(swiftVersion)
                services:
                  postgres:
                    image: postgres:15
                    env:
                      POSTGRES_HOST_AUTH_METHOD: trust
                    options: --health-cmd pg_isready --health-interval 2s --health-timeout 5s --health-retries 30
                env:
                  DATABASE_URL: postgres://postgres@postgres:5432/postgres
                  NO_COLOR: "1"
                steps:
                  - name: The student's repository
                    uses: actions/checkout@v4
                    with:
                      path: submission
                  - name: The workbook that grades it
                    uses: actions/checkout@v4
                    with:
                      repository: \(repository)
                      ref: \(ref)
                      path: workbook
                      token: ${{ secrets.WORKBOOK_TOKEN || github.token }}
                  - name: System packages
                    run: |
                      missing=""
                      for package in libsqlite3-dev libpq-dev pkg-config; do
                        dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
                      done
                      if [ -n "$missing" ]; then
                        apt-get update -qq
                        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
                      fi
                  - name: Build the workbook
                    working-directory: workbook
                    run: swift build --product workbook

            """
        for lesson in exercises {
            yaml += """
                      - name: "Exercise \(lesson.number) · \(lesson.title.replacingOccurrences(of: "\"", with: "'"))"
                        id: \(Self.stepID(lesson))
                        working-directory: workbook
                        run: |
                          swift run --skip-build workbook grade \(lesson.number) --timeout \(timeout) --student "$GITHUB_WORKSPACE/submission" \\
                            --output "$GITHUB_WORKSPACE/grades/\(lesson.number)" || true
                          echo "result=$(base64 -w 0 < "$GITHUB_WORKSPACE/grades/\(lesson.number)/submission/classroom.json")" >> "$GITHUB_OUTPUT"

                """
        }
        yaml += """
                  - name: JUnit reports
                    if: always()
                    uses: actions/upload-artifact@v4
                    with:
                      name: junit
                      path: grades/*/submission/junit.xml
                  - name: Autograding Reporter
                    if: always()
                    uses: classroom-resources/autograding-grading-reporter@v1
                    env:

            """
        for id in ids {
            yaml += "          \(id.uppercased())_RESULTS: \"${{ steps.\(id).outputs.result }}\"\n"
        }
        yaml += """
                    with:
                      runners: \(ids.joined(separator: ","))

            """
        return yaml
    }
}
