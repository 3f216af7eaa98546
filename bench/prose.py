"""Sentences of real-looking administrative prose for the synthetic campaign.

Taken from the public documents in shared/seeds/ (a provincial plan, a district plan, a
union letter, news of a competition bloc), with the places replaced by placeholders
({{ dia_ban }}, {{ co_quan }}…) so that every body's copy reads as its own, the 2024
district wording moved to the two-level map of 1 July 2025, and every person's name left out.
"""

from __future__ import annotations

PURPOSE = [
    "Thông qua phong trào thi đua nhằm huy động sức mạnh tổng hợp của cả hệ thống chính trị và Nhân dân trên địa bàn {{ dia_ban }}, phát huy sức mạnh của khối đại đoàn kết toàn dân tộc cùng chung sức thực hiện thắng lợi các chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng - an ninh, an sinh xã hội.",
    "Phát hiện, biểu dương khen thưởng kịp thời các tập thể, cá nhân có thành tích tiêu biểu xuất sắc trong phong trào thi đua; nhân rộng và làm cho phong trào thi đua trở nên thiết thực, hiệu quả, tác động tích cực, mạnh mẽ đến chất lượng, hiệu quả nhiệm vụ chính trị được giao đối với các cơ quan, đơn vị, địa phương và doanh nghiệp.",
    "Triển khai hiệu quả các phong trào thi đua, các cuộc vận động trên tất cả các lĩnh vực của đời sống xã hội, phấn đấu thực hiện thắng lợi các mục tiêu, chỉ tiêu nhiệm vụ năm {{ nam }} và cả nhiệm kỳ theo Nghị quyết Đại hội Đảng bộ các cấp.",
    "Các phong trào thi đua phải phát huy khí thế thi đua sôi nổi, huy động, sử dụng hiệu quả mọi nguồn lực cho phát triển nhanh, bền vững theo hướng phát triển xanh, hài hòa, bản sắc và hạnh phúc.",
    "Nâng cao trách nhiệm của cấp ủy, chính quyền các cấp trong chỉ đạo, tổ chức phong trào thi đua bảo đảm hiệu quả, thiết thực.",
    "Chú trọng đổi mới nội dung, hình thức, phương pháp tổ chức các phong trào thi đua nhằm tạo động lực phát triển kinh tế - xã hội năm {{ nam }}.",
]

REQUIREMENTS = [
    "Công tác khen thưởng bảo đảm kịp thời, dân chủ, chính xác, công khai, minh bạch, đúng đối tượng, đúng thành tích.",
    "Mỗi cơ quan, đơn vị, địa phương chủ động phát hiện, xây dựng, lựa chọn và biểu dương khen thưởng kịp thời các tập thể, cá nhân có thành tích tiêu biểu xuất sắc trong phong trào thi đua gắn với việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Thường xuyên đổi mới nội dung và các phong trào thi đua yêu nước, tập trung hướng về cơ sở, gắn với nhiệm vụ chính trị, nhiệm vụ cấp bách của địa phương, đơn vị; phát động thi đua với các hình thức phong phú, hấp dẫn; xây dựng kế hoạch triển khai bài bản, chi tiết, có trọng tâm, trọng điểm, tránh hình thức, dàn trải.",
    "Nghiêm túc trong chấm điểm, bình xét thi đua, tránh nể nang, thiên vị, luân phiên làm mất tính tiêu biểu và hiệu quả của công tác thi đua.",
    "Đề cao vai trò trách nhiệm của người đứng đầu trong công tác thi đua, khen thưởng; đổi mới việc đánh giá khen thưởng gắn với đánh giá, xếp loại đảng viên, cán bộ, công chức, viên chức theo tinh thần “đúng người, đúng việc, đúng thành tích và tiêu chuẩn”.",
]

THEME = [
    "“Đảng bộ, chính quyền và Nhân dân {{ dia_ban }} đoàn kết, đổi mới, ra sức thi đua hoàn thành thắng lợi các mục tiêu, nhiệm vụ năm {{ nam }}, lập thành tích chào mừng Đại hội Đảng bộ các cấp”.",
    "“Chính quyền hai cấp vận hành thông suốt, phục vụ Nhân dân ngày càng tốt hơn”.",
]

CONTENT = [
    "Tiếp tục quán triệt, triển khai, tuyên truyền và tổ chức thực hiện tốt các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về thi đua, khen thưởng; quán triệt sâu sắc tư tưởng thi đua yêu nước của Chủ tịch Hồ Chí Minh.",
    "Đẩy mạnh cơ cấu lại các ngành nông, lâm nghiệp, thủy sản, công nghiệp, thương mại dịch vụ gắn với lợi thế, tiềm năng và định hướng phát triển của {{ dia_ban }}.",
    "Siết chặt kỷ cương, nâng cao hiệu quả quản lý, sử dụng tài chính, ngân sách nhà nước.",
    "Tập trung tháo gỡ khó khăn, đẩy nhanh tiến độ triển khai và giải ngân các dự án đầu tư công, các chương trình mục tiêu quốc gia, chương trình phục hồi và phát triển kinh tế - xã hội.",
    "Tích cực hướng dẫn, hỗ trợ doanh nghiệp, nhà đầu tư tháo gỡ khó khăn, đẩy nhanh tiến độ triển khai các dự án đầu tư trên địa bàn.",
    "Quản lý và sử dụng hiệu quả tài nguyên, bảo vệ môi trường; chủ động phòng chống thiên tai, ứng phó với biến đổi khí hậu.",
    "Quan tâm đầu tư phát triển toàn diện kinh tế - xã hội vùng cao, vùng đồng bào dân tộc thiểu số, từng bước thu hẹp dần khoảng cách phát triển giữa vùng cao với vùng thấp.",
    "Tiếp tục đổi mới căn bản, toàn diện giáo dục và đào tạo; quan tâm nâng cao chất lượng, hiệu quả giáo dục vùng cao, vùng đồng bào dân tộc thiểu số; duy trì, nâng cao chất lượng giáo dục toàn diện và giáo dục mũi nhọn.",
    "Đổi mới mạnh mẽ công tác đào tạo nghề, gắn với giải quyết việc làm, chuyển đổi nghề cho lao động nông thôn theo nhu cầu của thị trường lao động.",
    "Tăng cường nguồn lực đầu tư, đẩy mạnh xã hội hóa để tăng cường năng lực của hệ thống y tế, nhất là y tế dự phòng, y tế cơ sở; tiếp tục quan tâm nâng cao chất lượng cung cấp dịch vụ y tế, bảo vệ, chăm sóc sức khỏe Nhân dân và chất lượng dân số.",
    "Thực hiện kịp thời, đầy đủ các chính sách an sinh xã hội, quan tâm chăm lo cho người có công và các đối tượng bảo trợ xã hội.",
    "Huy động cả hệ thống chính trị, cộng đồng doanh nghiệp và Nhân dân cùng chung tay, góp sức thực hiện hiệu quả mục tiêu giảm nghèo nhanh, bền vững.",
    "Thực hiện đồng bộ các giải pháp để nâng cao đời sống vật chất, tinh thần và chỉ số hạnh phúc của Nhân dân.",
    "Thực hành tiết kiệm, chống lãng phí; thực hiện đồng bộ các giải pháp về phòng, chống tham nhũng, lãng phí; siết chặt kỷ luật, kỷ cương hành chính trong chỉ đạo, điều hành và thực thi công vụ; tăng cường kiểm tra, giám sát việc thực hiện chức trách, nhiệm vụ được giao.",
    "Tăng cường đẩy mạnh công tác cải cách hành chính, xây dựng chính quyền điện tử, sử dụng dịch vụ công trực tuyến toàn trình và một phần; phấn đấu nâng các chỉ số PAPI, PCI, PAR Index của {{ dia_ban }}.",
    "Tích cực thi đua xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh, nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng, đảng viên.",
    "Tăng cường thực hiện có hiệu quả công tác phòng ngừa, đấu tranh với các loại tội phạm, tệ nạn xã hội.",
    "Thi đua trong ứng dụng tiến bộ khoa học - công nghệ, đổi mới sáng tạo, phát triển kinh tế số, xã hội số và chuyển đổi số trong hoạt động của các cơ quan nhà nước.",
    "Thi đua trong lĩnh vực quốc phòng, an ninh, giữ vững ổn định chính trị, trật tự an toàn xã hội, tạo môi trường ổn định cho phát triển kinh tế - xã hội và bảo đảm cuộc sống yên bình, hạnh phúc cho Nhân dân.",
    "Thi đua xây dựng và nhân rộng các mô hình “gia đình hạnh phúc”, “khu dân cư hạnh phúc”, “trường học hạnh phúc”, “cơ quan, đơn vị hạnh phúc”, nâng cao chỉ số hạnh phúc cho người dân.",
    "Triển khai thực hiện có hiệu quả các phong trào thi đua do Thủ tướng Chính phủ phát động: “Cả nước chung sức xây dựng nông thôn mới”; “Vì người nghèo - Không để ai bị bỏ lại phía sau”; “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”.",
    "Tiếp tục đẩy mạnh công tác điển hình tiên tiến, bảo đảm thực hiện đồng bộ ở cả bốn khâu: phát hiện, bồi dưỡng, tổng kết và nhân rộng.",
    "Lựa chọn, bồi dưỡng, phát hiện và đẩy mạnh tuyên truyền các điển hình tiên tiến, gương người tốt, việc tốt, cách làm hay, sáng tạo, hiệu quả trong thực hiện nhiệm vụ.",
]

REWARD = [
    "Kết thúc phong trào thi đua, {{ co_quan }} lựa chọn, khen thưởng các tập thể và cá nhân có thành tích xuất sắc, tiêu biểu và đạt các tiêu chuẩn, tiêu chí thi đua theo quy định.",
    "Các tập thể, cá nhân có thành tích thật sự tiêu biểu, xuất sắc, bảo đảm các tiêu chuẩn, tiêu chí thi đua được lựa chọn, đề nghị cấp trên khen thưởng theo chỉ tiêu phân bổ.",
    "Tập thể có ít nhất 01 công trình, phần việc đăng ký thực hiện hoàn thành bảo đảm tiến độ, khối lượng, chất lượng và được đưa vào sử dụng đúng thời gian đăng ký, có hiệu quả, có ý nghĩa thiết thực.",
    "Cá nhân năng động, sáng tạo trong công việc, có sáng kiến, giải pháp hữu ích trong công tác, góp phần tích cực vào việc hoàn thành nhiệm vụ của cơ quan, đơn vị.",
    "Kinh phí thực hiện Kế hoạch này được bố trí từ nguồn ngân sách nhà nước theo quy định của Luật Ngân sách nhà nước và các văn bản hướng dẫn thi hành Luật.",
]

ORGANISATION = [
    "Căn cứ nội dung của Kế hoạch này và điều kiện cụ thể, các cơ quan, đơn vị ban hành kế hoạch phát động, triển khai phong trào thi đua trong cơ quan, đơn vị mình với chủ đề, mục tiêu, nội dung, tiêu chí thi đua rõ ràng, bám sát các nhiệm vụ trọng tâm, cấp bách.",
    "Mỗi cơ quan, đơn vị lựa chọn đăng ký ít nhất 01 công trình, mô hình, phần việc tiêu biểu gửi về {{ co_quan }} trước ngày {{ han }}.",
    "Đối với các công trình đăng ký phải ghi rõ khối lượng, địa điểm thi công, dự kiến giá trị thực hiện, nguồn kinh phí thực hiện, thời gian dự kiến hoàn thành.",
    "Tiến hành sơ kết, tổng kết, đánh giá kết quả thực hiện các công trình, phần việc đã đăng ký; báo cáo kết quả và tiến hành khen thưởng theo thẩm quyền hoặc lập hồ sơ đề nghị khen thưởng vào thời gian tổng kết.",
    "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội tuyên truyền sâu rộng tới đoàn viên, hội viên tích cực hưởng ứng phong trào thi đua; quan tâm phát hiện, giới thiệu các gương điển hình tiên tiến, mô hình mới, cách làm hay để tạo sức lan tỏa trong xã hội.",
    "Cơ quan thường trực Hội đồng Thi đua - Khen thưởng chịu trách nhiệm theo dõi, đôn đốc, hướng dẫn các cơ quan, đơn vị triển khai thực hiện Kế hoạch này; tổng hợp kết quả báo cáo {{ co_quan }}.",
    "Đẩy mạnh công tác tuyên truyền các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về thi đua, khen thưởng; mở chuyên trang, chuyên mục tuyên truyền về phong trào thi đua trên trang thông tin điện tử của {{ co_quan }}.",
    "Thực hiện việc củng cố, sắp xếp tinh gọn bộ máy làm công tác thi đua, khen thưởng; nghiêm túc trong đôn đốc, kiểm tra, sơ kết, tổng kết, đánh giá, rút kinh nghiệm trong thực hiện các phong trào thi đua.",
]

RESULTS = [
    "Ngay sau khi nhận được kế hoạch của cấp trên, {{ co_quan }} đã ban hành kế hoạch triển khai, tổ chức phát động phong trào thi đua tới các cơ quan, đơn vị, thôn, tổ dân phố trên địa bàn.",
    "Các phong trào thi đua phát triển mạnh mẽ, đi vào chiều sâu, phát huy tính tích cực, chủ động, sáng tạo, có sự gắn kết phong trào thi đua với nhiệm vụ chính trị được giao.",
    "Công tác tuyên truyền được thực hiện thường xuyên trên hệ thống truyền thanh cơ sở và trang thông tin điện tử, tạo khí thế thi đua sôi nổi trong cán bộ, đảng viên và Nhân dân.",
    "Toàn {{ dia_ban }} đã đăng ký các công trình, phần việc chào mừng Đại hội; đến nay phần lớn các công trình đã hoàn thành đúng tiến độ, bảo đảm chất lượng.",
    "Tập thể cơ quan, đơn vị liên tục được đánh giá, xếp loại từ hoàn thành tốt nhiệm vụ trở lên; cán bộ, công chức gương mẫu chấp hành chủ trương của Đảng, chính sách pháp luật của Nhà nước.",
    "Công tác cải cách hành chính tiếp tục được đẩy mạnh; tỷ lệ hồ sơ thủ tục hành chính được giải quyết trước và đúng hạn đạt cao.",
]

SHORTCOMINGS = [
    "Một số cơ quan, đơn vị triển khai phong trào thi đua còn hình thức, chưa bám sát nhiệm vụ trọng tâm; việc phát hiện, bồi dưỡng điển hình tiên tiến có lúc chưa kịp thời.",
    "Việc tổng hợp, báo cáo kết quả thực hiện phong trào của một số đơn vị còn chậm so với thời gian quy định.",
    "Nguồn lực cho công tác thi đua, khen thưởng còn hạn chế; việc nhân rộng các mô hình mới, cách làm hay chưa thực sự lan tỏa.",
]

DIRECTIONS = [
    "Tiếp tục quán triệt, triển khai thực hiện có hiệu quả các phong trào thi đua; gắn phong trào thi đua với nhiệm vụ chính trị của từng cơ quan, đơn vị.",
    "Đổi mới tổ chức, hoạt động của các khối, cụm thi đua, trao đổi học tập kinh nghiệm, cách làm hay và hiệu quả, phát huy tinh thần đoàn kết cùng nhau phấn đấu, thi đua.",
    "Đổi mới phương thức tổ chức chỉ đạo các phong trào thi đua, thực hiện đồng bộ ở cả bốn khâu: phát hiện, bồi dưỡng, tổng kết và nhân rộng điển hình tiên tiến.",
    "Kịp thời phát hiện và có kế hoạch bồi dưỡng, nhân rộng, khen thưởng các điển hình tiên tiến trên các lĩnh vực công tác.",
]

BLOC = [
    "Các thành viên trong Khối thi đua thực hiện tốt công tác thi đua, khen thưởng; triển khai kịp thời việc phát động phong trào thi đua yêu nước, xây dựng kế hoạch hoạt động của Khối.",
    "Ngay từ đầu năm, Khối thi đua đã tổ chức ký kết giao ước thi đua giữa các đơn vị trong Khối; các phong trào thi đua phát triển mạnh mẽ, đi vào chiều sâu.",
    "Sự đoàn kết, hưởng ứng nhiệt tình của toàn thể cán bộ, công chức, viên chức, người lao động của các đơn vị trong Khối đã tạo ra động lực và khí thế thi đua sôi nổi trong từng đơn vị.",
    "Khối thi đua đề ra các nhiệm vụ trọng tâm: tiếp tục làm tốt công tác giáo dục chính trị, tư tưởng, nâng cao bản lĩnh chính trị, phẩm chất đạo đức, tác phong, lề lối làm việc cho cán bộ, đảng viên, công chức, viên chức và người lao động.",
]

PARTY = [
    "Thi đua thực hiện trách nhiệm nêu gương của cán bộ, đảng viên, nhất là đội ngũ cán bộ lãnh đạo, quản lý; tăng cường xây dựng, chỉnh đốn Đảng và hệ thống chính trị trong sạch, vững mạnh gắn với học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể đổi mới công tác tổ chức, nâng cao hiệu quả công tác thi đua, khen thưởng.",
    "Thi đua chuẩn bị tốt các điều kiện và tổ chức thành công đại hội đảng bộ các cấp, tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng.",
    "Cấp ủy các cấp tăng cường lãnh đạo, chỉ đạo, kiểm tra, giám sát việc tổ chức thực hiện phong trào thi đua trong các tổ chức cơ sở đảng.",
]

UNION = [
    "Công đoàn các cấp phối hợp với thủ trưởng cơ quan, đơn vị tổ chức tuyên truyền, vận động và tạo khí thế sôi nổi trong công chức, viên chức, người lao động ra sức thi đua nâng cao năng suất lao động, hiệu suất công tác.",
    "Lựa chọn ít nhất 01 công trình, mô hình, phần việc tiêu biểu đăng ký với công đoàn cấp trên để khen thưởng tổng kết phong trào thi đua.",
    "Chăm lo, bảo vệ quyền, lợi ích hợp pháp, chính đáng của đoàn viên, người lao động; thực hiện tốt quy chế dân chủ ở cơ sở.",
    "Phong trào thi đua “Lao động giỏi, lao động sáng tạo” được triển khai sâu rộng, gắn với phong trào “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”.",
]

MEETING = [
    "Thời gian: 01 buổi, bắt đầu từ 08 giờ 00 phút ngày {{ han }}.",
    "Địa điểm: Hội trường {{ co_quan }}.",
    "Đề nghị các đại biểu bố trí thời gian tham dự đầy đủ, đúng thành phần; các đơn vị được phân công chuẩn bị báo cáo tham luận gửi về Văn phòng trước 02 ngày làm việc để tổng hợp.",
]
