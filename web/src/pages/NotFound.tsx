import { Link } from "react-router";
import { PageTitle } from "../components/common.tsx";
import { useI18n } from "../i18n.tsx";

export default function NotFound() {
  const { t } = useI18n();
  return (
    <section>
      <PageTitle title={t("页面不存在", "Page not found")}>{t("页面不存在", "Page not found")}</PageTitle>
      <p>
        <Link to="/">{t("返回首页", "Back to the start page")}</Link>
      </p>
    </section>
  );
}
