public typealias ClusterID = Int64
public typealias QuestionID = Int64
public typealias CapabilityID = Int64
public typealias RunID = Int64
