import CladeCore
import Foundation

/// Valid inputs the fuzzer starts from, and the tokens it splices in.
enum FuzzSeeds {
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    static let csv: [[UInt8]] = [
        bytes("""
        id,question,created_at,thumbs,retrieval_score,tags,weight,channel
        q1,When will my card arrive?,2025-03-01 10:00:00,up,0.05,,2.5,app
        q2,"My card has not arrived yet, why?",2025-03-02T10:00:00Z,down,0.1,compare; rates,,web
        q3,How do I change my PIN?,1741000000,,0.15,account|security,1,app
        q4,"He said ""hello""\nthen left",2025-03-04,thumbs_up,0.2,,,web
        q5,Exchange rate for dollars today,2025-03-05,-1,0.9,rates,3,app
        q6,Why was the exchange rate bad?,2025-03-06,5,0.3,rates,,web

        """),
        bytes("\u{FEFF}text\r\nhow do i reset my password\r\nwhere is my invoice\r\nreset password link expired\r\ninvoice for march\r\n"),
        bytes("text;feedback;relevance\nflat tyre;1;0.4\n\"semi;colon\";-1;0.7\nbrakes squeak;;\n"),
        bytes("question,embedding\nfirst,\"[0.1, 0.2, 0.3]\"\nsecond,\"[0.2, 0.1, 0.0]\"\nthird,\"[0.9, 0.8, 0.7]\"\nfourth,\"[1, 2, 3]\"\n"),
    ]

    static let csvDictionary = [",", "\"", "\"\"", "\n", "\r\n", "\r", ";", "|", "\t", "\u{FEFF}", "\u{FF}", "\u{1B}[31m", "[", "]", "[0.1, 0.2]",
                                "up", "down", "thumbs_up", "-1", "1", "5", "NaN", "2025-13-45", "1e400", "text", "question", "feedback", "weight",
                                "relevance", "embedding", "id", "created_at", "tags", ",,,,,,,,", "\"\n\""]

    static let npy: [[UInt8]] = [
        NpyFormat.encode(Matrix(rows: 3, columns: 4, storage: (0..<12).map { Float($0) / 7 })),
        NpyFormat.encode(Matrix(rows: 2, columns: 3, storage: [1, 2, 3, 4, 5, 6]), dtype: .float16),
        NpyFormat.encode(Matrix(rows: 2, columns: 2, storage: [0.5, -0.5, 1e30, -1e-30]), dtype: .float64),
        // Version 2 header, big-endian float32.
        [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 2, 0, 0x46, 0, 0, 0]
            + bytes("{'descr': '>f4', 'fortran_order': False, 'shape': (1, 2), }".padding(toLength: 69, withPad: " ", startingAt: 0) + "\n")
            + [0x3F, 0x80, 0, 0, 0x40, 0, 0, 0],
    ]

    static let npyDictionary = ["'descr'", "'<f4'", "'>f8'", "'<f2'", "'|u1'", "'fortran_order'", "True", "False", "'shape'", "(", ")", ",",
                                "(4611686018427387904, 4)", "(3,)", "(0, 5)", "(2, 3, 4)", "{", "}", "[", "'", "L"]

    /// Kura checkpoints: three conversations in two clusters under one meta cluster.
    static let kura: [String: [UInt8]] = [
        "conversations.jsonl": bytes("""
        {"chat_id":"c1","created_at":"2025-05-29T22:11:46.17","messages":[{"role":"user","content":"how do I log metrics?"}],"metadata":{"feedback":1}}
        {"chat_id":"c2","created_at":"2025-05-30T08:00:00","messages":[{"role":"user","content":"log images to a run"},{"role":"assistant","content":"use log"}],"metadata":{"relevance":0.4}}
        {"chat_id":"c3","created_at":"2025-05-31T09:30:00","messages":[{"role":"user","content":"delete a project"}],"metadata":{"weight":2,"thumbs":"down"}}

        """),
        "summaries.jsonl": bytes("""
        {"chat_id":"c1","summary":"Logging metrics","request":"The user wants to log metrics.","languages":["english"],"metadata":{}}
        {"chat_id":"c2","summary":"Logging images","request":"The user wants to log images.","metadata":{"conversation_turns":2}}
        {"chat_id":"c3","summary":"Deleting projects","request":"The user wants to delete a project.","metadata":{}}

        """),
        "clusters.jsonl": bytes("""
        {"id":"k1","name":"Log data","description":"Logging","slug":"log","chat_ids":["c1","c2"],"parent_id":null}
        {"id":"k2","name":"Manage projects","description":"Projects","slug":"projects","chat_ids":["c3"],"parent_id":null}

        """),
        "meta_clusters.jsonl": bytes("""
        {"id":"m1","name":"Using the tool","description":"All","slug":"all","chat_ids":["c1","c2","c3"],"parent_id":null}
        {"id":"k1","name":"Log data","description":"Logging","slug":"log","chat_ids":["c1","c2"],"parent_id":"m1"}
        {"id":"k2","name":"Manage projects","description":"Projects","slug":"projects","chat_ids":["c3"],"parent_id":"m1"}

        """),
    ]

    static let jsonDictionary = ["{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e999", "-0", "\"\\u0000\"", "\"\\ud800\"", "\n",
                                 "\"chat_id\"", "\"parent_id\"", "\"chat_ids\"", "\"c1\"", "\"k1\"", "\"m1\"", "\"metadata\"", "\"messages\"",
                                 "{\"role\":\"user\",\"content\":\"x\"}", "\"id\"", "\"name\"", "\u{FF}"]

    /// BERTopic outputs: six documents in two topics and the outliers, a hierarchy of one merge.
    static let bertopic: [String: [UInt8]] = [
        "document_info.csv": bytes("""
        row_id,Document,Topic,Name,CustomName,Representation,Probability,Representative_document
        1,I am still waiting on my card?,0,0_card_arrived,,"['card', 'arrived', 'week']",0.53,False
        2,What can I do if my card still hasn't arrived after 2 weeks?,0,0_card_arrived,Card delivery,"['card', 'arrived']",1.0,True
        3,I tried to make a transfer but it failed,1,1_transfer_failed,,"['transfer', 'failed']",0.9,True
        4,"transfer failed, ""why""?",1,1_transfer_failed,,"['transfer', ""it's""]",0.7,False
        5,hello,-1,-1_misc,,[],0.0,False
        6,my card and a transfer,1,1_transfer_failed,,"['transfer']",0.2,False

        """),
        "topic_info.csv": bytes("""
        Topic,Count,Name,CustomName,Representation,Representative_Docs
        -1,1,-1_misc,,[],['hello']
        0,2,0_card_arrived,Card delivery,"['card', 'arrived', 'week']","['I am still waiting on my card?']"
        1,3,1_transfer_failed,,"['transfer', 'failed']","['I tried to make a transfer but it failed']"

        """),
        "hierarchy.csv": bytes("""
        Parent_ID,Parent_Name,Topics,Child_Left_ID,Child_Left_Name,Child_Right_ID,Child_Right_Name,Distance
        2,card_transfer,"[0, 1]",0,card_arrived,1,transfer_failed,1.25

        """),
    ]
}
