import { BrowserRouter, Link, NavLink, Route, Routes, useNavigate } from "react-router";
import { useI18n } from "./i18n.tsx";
import Admin from "./pages/Admin.tsx";
import Alerts from "./pages/Alerts.tsx";
import Appeals from "./pages/Appeals.tsx";
import BodyPage from "./pages/BodyPage.tsx";
import Cases from "./pages/Cases.tsx";
import Dashboard from "./pages/Dashboard.tsx";
import Disagreements from "./pages/Disagreements.tsx";
import ExpertScoring from "./pages/ExpertScoring.tsx";
import Home from "./pages/Home.tsx";
import Login from "./pages/Login.tsx";
import NotFound from "./pages/NotFound.tsx";
import PublicBody from "./pages/PublicBody.tsx";
import PublicResults from "./pages/PublicResults.tsx";
import RecordView from "./pages/RecordView.tsx";
import Submission from "./pages/Submission.tsx";
import Tasks from "./pages/Tasks.tsx";
import { useSession } from "./session.tsx";

function Header() {
  const { t, lang, setLang } = useI18n();
  const { account, logout, isStaff } = useSession();
  const navigate = useNavigate();
  const roleName: Record<string, string> = {
    admin: t("管理员", "administrator"),
    evaluator: t("评估人员", "evaluator"),
    expert: t("专家", "expert"),
    submitter: t("单位填报员", "body submitter"),
  };
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("跳到正文", "Skip to content")}
      </a>
      <div className="brand">
        <Link to="/">govscore</Link>
        <span className="brand-sub">{t("政府网站与数字政府评估工作台", "Evaluation workspace")}</span>
      </div>
      <nav aria-label={t("主导航", "Main")}>
        <ul>
          <li>
            <NavLink to="/" end>
              {t("评估与结果", "Evaluations & results")}
            </NavLink>
          </li>
          {(account?.role === "expert" || isStaff) && (
            <li>
              <NavLink to="/tasks">{t("评分任务", "Scoring tasks")}</NavLink>
            </li>
          )}
          {isStaff && (
            <li>
              <NavLink to="/alerts">{t("监测告警", "Monitoring alerts")}</NavLink>
            </li>
          )}
          {account?.role === "admin" && (
            <li>
              <NavLink to="/admin">{t("账号与审计", "Accounts & audit")}</NavLink>
            </li>
          )}
        </ul>
      </nav>
      <div className="header-tools">
        <button
          type="button"
          className="link-button"
          lang={lang === "zh" ? "en" : "zh-CN"}
          onClick={() => setLang(lang === "zh" ? "en" : "zh")}
        >
          {lang === "zh" ? "English" : "中文"}
        </button>
        {account ? (
          <>
            <span className="who">
              {account.displayName}（{roleName[account.role] ?? account.role}）
            </span>
            <button
              type="button"
              onClick={() => {
                void logout().then(() => navigate("/"));
              }}
            >
              {t("退出", "Sign out")}
            </button>
          </>
        ) : account === null ? (
          <Link to="/login">{t("登录", "Sign in")}</Link>
        ) : null}
      </div>
    </header>
  );
}

export default function App() {
  const { t } = useI18n();
  return (
    <BrowserRouter>
      <Header />
      <main id="main">
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/login" element={<Login />} />
          <Route path="/results/:code" element={<PublicResults />} />
          <Route path="/results/:code/:bodyId" element={<PublicBody />} />
          <Route path="/evaluations/:code" element={<Dashboard />} />
          <Route path="/evaluations/:code/bodies/:bodyId" element={<BodyPage />} />
          <Route path="/evaluations/:code/bodies/:bodyId/submission" element={<Submission />} />
          <Route path="/evaluations/:code/bodies/:bodyId/records/:record" element={<RecordView />} />
          <Route path="/evaluations/:code/disagreements" element={<Disagreements />} />
          <Route path="/evaluations/:code/cases" element={<Cases />} />
          <Route path="/evaluations/:code/appeals" element={<Appeals />} />
          <Route path="/tasks" element={<Tasks />} />
          <Route path="/tasks/:id" element={<ExpertScoring />} />
          <Route path="/alerts" element={<Alerts />} />
          <Route path="/admin" element={<Admin />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
      <footer className="site-footer">
        <p>
          {t(
            "govscore · 开源的政府网站与数字政府服务能力评估平台 · 每个分数都可追溯到证据",
            "govscore · open evaluation of government websites and digital-government services · every score traces to its evidence",
          )}
        </p>
      </footer>
    </BrowserRouter>
  );
}
