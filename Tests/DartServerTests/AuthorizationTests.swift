@testable import DartServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct AuthorizationTests {
    @Test func postWithoutTokenIs401WithBearerChallenge() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/schedules/hourly_predict/disable", method: .post) { response throws in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect(try response.json(APIErrorBody.self).error.code == "unauthorized")
            }
        }
    }

    @Test func postWithWrongTokenIs401AndDoesNotEchoIt() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/jobs/hourly_predict/trigger", method: .post,
                                     headers: ServerFixture.bearer("wrong-token")) { response throws in
                #expect(response.status == .unauthorized)
                #expect(!response.text.contains("wrong-token"))
                #expect(!response.text.contains(ServerFixture.token))
            }
        }
    }

    @Test func postWithTokenSwitchesTheJobAndTriggersIt() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/schedules/hourly_predict/disable", method: .post,
                                     headers: ServerFixture.bearer(ServerFixture.token)) { response throws in
                #expect(response.status == .ok)
                #expect(try response.json(ScheduleSwitchView.self).operatorEnabled == false)
            }
            try await client.execute(uri: "/api/schedules", method: .get) { response throws in
                let list = try response.json(ScheduleListView.self)
                #expect(list.schedules.first { $0.job == "hourly_predict" }?.enabled == false)
                #expect(list.schedules.first { $0.job == "daily_retrain" }?.enabled == true)
            }
            try await client.execute(uri: "/api/jobs/daily_retrain/trigger?retrain=false", method: .post,
                                     headers: ServerFixture.bearer(ServerFixture.token)) { response throws in
                #expect(response.status == .accepted)
                let view = try response.json(TriggerView.self)
                #expect(view.job == "daily_retrain" && view.retrain == false)
            }
        }
    }

    @Test func unknownJobIs404EvenWithToken() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/jobs/no_such_job/trigger", method: .post,
                                     headers: ServerFixture.bearer(ServerFixture.token)) { response throws in
                #expect(response.status == .notFound)
                #expect(try response.json(APIErrorBody.self).error.message.contains("hourly_predict"))
            }
        }
    }

    @Test func withoutConfiguredTokenPostsAre403AndSayHowToSetOne() async throws {
        let fixture = try ServerFixture(token: nil)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/schedules/hourly_predict/enable", method: .post,
                                     headers: ServerFixture.bearer("anything")) { response throws in
                #expect(response.status == .forbidden)
                #expect(try response.json(APIErrorBody.self).error.message.contains("DARTCAST_API_TOKEN"))
            }
        }
    }

    @Test func constantTimeComparisonMatchesOnlyEqualBytes() {
        #expect(BearerAuthorization.constantTimeEquals(Array("abc".utf8), Array("abc".utf8)))
        #expect(!BearerAuthorization.constantTimeEquals(Array("abc".utf8), Array("abd".utf8)))
        #expect(!BearerAuthorization.constantTimeEquals(Array("abc".utf8), Array("abcd".utf8)))
        #expect(!BearerAuthorization.constantTimeEquals([], Array("a".utf8)))
    }
}
